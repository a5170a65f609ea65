package io.accessproof.server.intake;

import io.accessproof.server.support.StripeSigning;
import java.util.List;

/** Signature headers an attacker or a sloppy client sends, each with the refusal it must get. */
final class SignatureVectors {
    private static final long OLD = 1_700_000_000L;

    private SignatureVectors() {
    }

    /** @param reason the start of the refusal; the header is built for a payload, a current time and a secret */
    record Vector(String name, String reason, Builder header) {
        @Override
        public String toString() {
            return name;
        }
    }

    interface Builder {
        String build(String payload, long now, String secret);
    }

    static List<Vector> refused() {
        return List.of(
                new Vector("old signature replayed behind a fresh duplicate t", "malformed signature header",
                        (p, now, s) -> "v1=" + StripeSigning.signature(p, OLD, s) + ", t=" + now + ",t=" + OLD),
                new Vector("two t without spaces", "malformed signature header: more than one t",
                        (p, now, s) -> "t=" + now + ",v1=" + StripeSigning.signature(p, now, s) + ",t=" + OLD),
                new Vector("whitespace after a comma", "malformed signature header",
                        (p, now, s) -> "t=" + now + ", v1=" + StripeSigning.signature(p, now, s)),
                new Vector("empty v1", "malformed signature header: v1",
                        (p, now, s) -> "t=" + now + ",v1="),
                new Vector("non-numeric t", "malformed signature header: t must be Unix seconds",
                        (p, now, s) -> "t=abc,v1=" + StripeSigning.signature(p, now, s)),
                new Vector("t=1 then t=abc", "malformed signature header",
                        (p, now, s) -> "v1=" + StripeSigning.signature(p, now, s) + ", t=1,t=abc"),
                new Vector("overflowing t", "malformed signature header: t must be Unix seconds",
                        (p, now, s) -> "t=99999999999999999999999,v1=" + StripeSigning.signature(p, now, s)),
                new Vector("negative t", "malformed signature header: t must be Unix seconds",
                        (p, now, s) -> "t=-" + now + ",v1=" + StripeSigning.signature(p, now, s)),
                new Vector("v0 only", "malformed signature header: no v1 signature",
                        (p, now, s) -> "t=" + now + ",v0=" + StripeSigning.signature(p, now, s)),
                new Vector("signature of another t", "no valid signature for any configured secret",
                        (p, now, s) -> "t=" + now + ",v1=" + StripeSigning.signature(p, now - 1, s)));
    }

    /** Stripe's order is t first, but the items are a set: a valid signature in another order is accepted. */
    static String reordered(String payload, long now, String secret) {
        return "v1=" + StripeSigning.signature(payload, now, secret) + ",t=" + now;
    }
}
