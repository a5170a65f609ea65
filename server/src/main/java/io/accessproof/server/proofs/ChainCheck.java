package io.accessproof.server.proofs;

import io.accessproof.store.proofs.ProofChain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks exported proof records line by line: each record's hash, and its link to the previous record of the same
 * customer in the file. A customer's first record in the file is its anchor (the export may start mid-chain).
 */
public final class ChainCheck {
    private final Map<String, String> lastHashByCustomer = new HashMap<>();
    private final List<String> problems = new ArrayList<>();
    private long records;

    public void add(long lineNumber, ProofFormat.Line line) {
        records++;
        String recomputed = ProofChain.hash(line.prevSha256(), line.record());
        if (!recomputed.equals(line.sha256())) {
            problems.add("line " + lineNumber + ": the record does not match its sha256 (changed after export?)");
        }
        String previous = lastHashByCustomer.put(line.customerId(), line.sha256());
        if (previous != null && !previous.equals(line.prevSha256())) {
            problems.add("line " + lineNumber + ": customer " + line.customerId() + "'s chain is broken (a record "
                    + "before it is missing or was changed)");
        }
    }

    public void malformed(long lineNumber, String why) {
        problems.add("line " + lineNumber + ": " + why);
    }

    public long records() {
        return records;
    }

    public int customers() {
        return lastHashByCustomer.size();
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }
}
