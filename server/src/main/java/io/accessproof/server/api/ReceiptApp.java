package io.accessproof.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.accessproof.workflows.model.Receipt;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.ArrayList;
import java.util.List;

/**
 * An app that sends receipts ({@code api.receiptApps}): its own trust domain. A receipt is checked against
 * its app's secrets only, its {@code receipt_id} is unique within the app, and it may speak only for the
 * event types and customers listed (empty: any). Receipts for events accessproof has not stored yet are
 * kept until the event arrives; only with {@code preAnnounce} do they open a run (which then waits for
 * the event, and opens an incident if it never comes). Either way at most {@code unseenPerSecond} and
 * {@code maxUnseen} of them, past which the app is answered 429.
 */
public class ReceiptApp {
    /** The app of the flat {@code api.receiptSecrets} and {@code api.receiptTokens} lists. */
    public static final String DEFAULT = "default";

    @NotBlank
    @Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,62}", message = "must be lower-case letters, digits, - or _")
    @JsonProperty
    public String name;
    @NotNull
    @JsonProperty
    public List<String> secrets = new ArrayList<>();
    /** Bearer tokens the app may send instead of signing; empty (the default) means it must sign. */
    @NotNull
    @JsonProperty
    public List<String> tokens = new ArrayList<>();
    @NotNull
    @JsonProperty
    public List<String> eventTypes = new ArrayList<>();
    @NotNull
    @JsonProperty
    public List<String> customers = new ArrayList<>();
    @JsonProperty
    public boolean preAnnounce;
    @Positive
    @JsonProperty
    public double unseenPerSecond = 5;
    @PositiveOrZero
    @JsonProperty
    public int maxUnseen = 1000;

    public ReceiptApp() {
    }

    /** Every app: the named ones, then the flat lists as {@value #DEFAULT}, which may pre-announce as before. */
    public static List<ReceiptApp> all(List<ReceiptApp> named, List<String> flatSecrets, List<String> flatTokens) {
        List<ReceiptApp> all = new ArrayList<>(named);
        if (!flatSecrets.isEmpty() || !flatTokens.isEmpty()) {
            ReceiptApp flat = new ReceiptApp();
            flat.name = DEFAULT;
            flat.secrets = List.copyOf(flatSecrets);
            flat.tokens = List.copyOf(flatTokens);
            flat.preAnnounce = true;
            all.add(flat);
        }
        return all;
    }

    /** Why this set of apps cannot be used, or null. */
    public static String problem(List<ReceiptApp> apps) {
        List<String> names = new ArrayList<>();
        for (ReceiptApp app : apps) {
            if (names.contains(app.name)) {
                return "api.receiptApps: two apps are named " + app.name
                        + (DEFAULT.equals(app.name) ? " (the name of the flat api.receiptSecrets list)" : "");
            }
            names.add(app.name);
            if (app.secrets.isEmpty() && app.tokens.isEmpty()) {
                return "api.receiptApps." + app.name + " has neither secrets nor tokens";
            }
            if (app.preAnnounce && !app.eventTypes.isEmpty()) {
                return "api.receiptApps." + app.name + ": preAnnounce cannot go with eventTypes "
                        + "(the type of an event accessproof has not stored is unknown)";
            }
        }
        return null;
    }

    /**
     * Why this app may not speak for an event of this type (null: not yet known) and customer, or null when
     * it may.
     */
    public String refusal(String eventType, String customerId) {
        if (eventType != null && !eventTypes.isEmpty() && !eventTypes.contains(eventType)) {
            return "app " + name + " may not send receipts for events of type " + eventType;
        }
        if (!customers.isEmpty() && customerId == null) {
            return "app " + name + " speaks for listed customers only: the receipt must name its customer_id";
        }
        if (!customers.isEmpty() && !customers.contains(customerId)) {
            return "app " + name + " may not send receipts for customer " + customerId;
        }
        return null;
    }

    /**
     * The receipt's id as its run knows it: runs deduplicate receipts by id, so a named app's ids carry its
     * name; the default app's stay as they were, for the runs that hold them already.
     */
    public String historyId(String receiptId) {
        return DEFAULT.equals(name) ? receiptId : name + "/" + receiptId;
    }

    /** The receipt as it may enter its run's history: this app's id for it, ids, codes and times only. */
    public Receipt forRun(Receipt receipt) {
        Receipt history = receipt.forHistory();
        return new Receipt(historyId(receipt.receiptId()), history.eventId(), history.status(), history.reasonCode(),
                history.processedAt(), history.sideEffectRefs(), history.deploySha(), history.customerId(),
                history.receivedAtMillis());
    }
}
