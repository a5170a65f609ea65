package io.accessproof.devkit.load;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Looks the 2xx event ids of a run up in accessproof's {@code stripe_events} table. */
public final class StoredEvents {
    private static final int BATCH = 5_000;

    private StoredEvents() {
    }

    /** The ids of {@code eventIds} that have no row in {@code stripe_events}. */
    public static List<String> missing(String jdbcUrl, String user, String password, Collection<String> eventIds)
            throws SQLException {
        List<String> ids = new ArrayList<>(eventIds);
        List<String> missing = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
             PreparedStatement query = c.prepareStatement("SELECT event_id FROM stripe_events WHERE event_id = ANY(?)")) {
            for (int from = 0; from < ids.size(); from += BATCH) {
                List<String> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
                Array array = c.createArrayOf("text", batch.toArray());
                query.setArray(1, array);
                Set<String> found = new HashSet<>();
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                }
                batch.stream().filter(id -> !found.contains(id)).forEach(missing::add);
            }
        }
        return missing;
    }

    /** Checks the run's 2xx ids and records the result in its ledger. */
    public static void check(Ledger ledger, String jdbcUrl, String user, String password) throws SQLException {
        ledger.stored(missing(jdbcUrl, user, password, ledger.acceptedIds()));
    }
}
