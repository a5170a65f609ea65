package io.accessproof.server.proofs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.accessproof.store.proofs.ProofRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The two export formats of proof records, written by {@code GET /api/proofs} and read back by
 * {@code verify-export}. Each line carries the record's exact JSON text (the last field, verbatim), so the hash
 * can be recomputed without re-serialising it.
 */
public enum ProofFormat {
    JSONL, CSV;

    static final String CSV_HEADER = "seq,recorded_at,customer_id,event_id,verdict,sha256,prev_sha256,record";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RECORD_FIELD = ",\"record\":";

    /** One exported record as read back: enough to check its hash and its link to the customer's previous one. */
    public record Line(String customerId, String sha256, String prevSha256, String record) {
    }

    public static ProofFormat of(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("format must be jsonl or csv, not " + name);
        }
    }

    public String mediaType() {
        return this == JSONL ? "application/x-ndjson" : "text/csv";
    }

    /** The first line of an export, if the format has one. */
    public String header() {
        return this == CSV ? CSV_HEADER + "\n" : "";
    }

    public String line(ProofRow row) {
        return switch (this) {
            case JSONL -> "{\"seq\":" + row.seq() + ",\"recorded_at\":" + quote(row.recordedAt().toString())
                    + ",\"customer_id\":" + quote(row.customerId()) + ",\"event_id\":" + quote(row.eventId())
                    + ",\"verdict\":" + quote(row.verdict()) + ",\"sha256\":" + quote(row.sha256())
                    + ",\"prev_sha256\":" + (row.prevSha256() == null ? "null" : quote(row.prevSha256()))
                    + RECORD_FIELD + row.record() + "}\n";
            case CSV -> String.join(",", String.valueOf(row.seq()), row.recordedAt().toString(),
                    csv(row.customerId()), csv(row.eventId()), row.verdict(), row.sha256(),
                    row.prevSha256() == null ? "" : row.prevSha256(), csv(row.record())) + "\n";
        };
    }

    /** Reads one line of an export back; null for the CSV header. */
    public Line parse(String line) {
        return this == JSONL ? parseJsonl(line) : parseCsv(line);
    }

    private static Line parseJsonl(String line) {
        int at = line.indexOf(RECORD_FIELD);
        if (at < 0 || !line.endsWith("}")) {
            throw new IllegalArgumentException("not a proof record line");
        }
        try {
            JsonNode head = JSON.readTree(line.substring(0, at) + "}");
            return new Line(head.path("customer_id").asText(), head.path("sha256").asText(),
                    head.path("prev_sha256").isNull() ? null : head.path("prev_sha256").asText(),
                    line.substring(at + RECORD_FIELD.length(), line.length() - 1));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a proof record line: " + e.getOriginalMessage());
        }
    }

    private static Line parseCsv(String line) {
        if (line.equals(CSV_HEADER)) {
            return null;
        }
        List<String> fields = csvFields(line);
        if (fields.size() != 8) {
            throw new IllegalArgumentException("expected 8 CSV fields, found " + fields.size());
        }
        return new Line(fields.get(2), fields.get(5), fields.get(6).isEmpty() ? null : fields.get(6), fields.get(7));
    }

    private static List<String> csvFields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                field.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String csv(String text) {
        return text == null ? "" : "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
