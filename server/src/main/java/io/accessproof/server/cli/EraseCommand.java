package io.accessproof.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code erase CUSTOMER_ID}: erases what accessproof keeps about a customer beyond ids (their events' raw
 * bodies, their receipts' free-form fields), through the operator API; needs role operate.
 */
public final class EraseCommand extends OperatorCommand {

    public EraseCommand(Terminal terminal) {
        super("erase", "Erase a customer's raw event bodies and free-form fields, keeping ids", terminal);
    }

    @Override
    public void configure(Subparser subparser) {
        connection(subparser);
        subparser.addArgument("--json").action(Arguments.storeTrue())
                .help("print the API's JSON as it answered, for scripts");
        subparser.addArgument("customer_id").metavar("CUSTOMER_ID");
    }

    @Override
    void run(String action, Namespace ns, ApiClient api, Output output) {
        String customer = ns.getString("customer_id");
        ApiClient.Answer answer = api.post("/api/customers/" + ApiClient.segment(customer) + "/erase", null);
        output.print(answer, () -> {
            JsonNode erased = answer.json();
            output.line("erased " + customer + ": " + erased.path("events").asInt() + " events, "
                    + erased.path("receipts").asInt() + " receipts, " + erased.path("subscriptions").asInt()
                    + " subscription mirrors (ids, plans and states kept)");
        });
    }
}
