package allegraph;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * Embedded Neo4j 5 community server for allegraph's local development and tests.
 *
 * <p>Not for production: production points NEO4J_URI at a real Neo4j 5 server, cluster or Aura.
 *
 * <p>Configuration (environment):
 *
 * <ul>
 *   <li>NEO4J_DATA_DIR (or the first argument): Neo4j home; the graph lives in its data/ folder
 *       and is kept across restarts. Required.
 *   <li>NEO4J_PASSWORD: password of the user neo4j. Required, at least 8 characters. It is set
 *       on every start (so the environment is the source of truth) and never printed.
 *   <li>NEO4J_BOLT_PORT: Bolt port on 127.0.0.1, default 7687.
 *   <li>NEO4J_PAGECACHE: page cache size, default 256m.
 * </ul>
 */
public final class Neo4jLauncher {
    private static final String TAG = "[neo4j-local] ";
    private static final String DEFAULT_DB = "neo4j";

    private Neo4jLauncher() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        String dataDirRaw = args.length > 0 ? args[0] : System.getenv("NEO4J_DATA_DIR");
        if (dataDirRaw == null || dataDirRaw.isBlank()) {
            fail("no data directory: pass it as the first argument or set NEO4J_DATA_DIR");
        }
        String password = System.getenv("NEO4J_PASSWORD");
        if (password == null || password.isEmpty()) {
            fail("NEO4J_PASSWORD is not set");
        }
        if (password.length() < 8) {
            fail("NEO4J_PASSWORD must have at least 8 characters (Neo4j's minimum)");
        }
        int port = parsePort(envOr("NEO4J_BOLT_PORT", "7687"));
        String pageCache = envOr("NEO4J_PAGECACHE", "256m");

        Path home = Paths.get(dataDirRaw).toAbsolutePath().normalize();
        Files.createDirectories(home);

        long t0 = System.nanoTime();
        out.println(TAG + "starting Neo4j (home " + home + ", bolt 127.0.0.1:" + port + ")");

        DatabaseManagementService dbms;
        try {
            dbms = new DatabaseManagementServiceBuilder(home)
                    .setUserLogProvider(new Log4jLogProvider(nonClosing(out), Level.INFO))
                    .setConfig(GraphDatabaseSettings.initial_default_database, DEFAULT_DB)
                    .setConfig(GraphDatabaseSettings.auth_enabled, true)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, parseBytes(pageCache))
                    .setConfig(GraphDatabaseSettings.udc_enabled, false)
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                    .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                    .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                    // Stop in ~1 s instead of ~10 s: don't linger on Bolt connections at shutdown.
                    .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                    .build();
        } catch (Throwable e) {
            fail("Neo4j did not start: " + rootMessage(e));
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println(TAG + "stopping (signal received)");
            try {
                dbms.shutdown();
                out.println(TAG + "stopped cleanly");
            } catch (Throwable e) {
                out.println(TAG + "error while stopping: " + rootMessage(e));
            } finally {
                out.flush();
                stopped.countDown();
            }
        }, "neo4j-local-shutdown"));

        try {
            setPassword(dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME), password);
            GraphDatabaseService db = dbms.database(DEFAULT_DB);
            if (!db.isAvailable(Duration.ofSeconds(60).toMillis())) {
                throw new IllegalStateException("database '" + DEFAULT_DB + "' is not available");
            }
            String version = db.executeTransactionally(
                    "CALL dbms.components() YIELD versions RETURN versions[0] AS v", Map.of(),
                    r -> r.hasNext() ? String.valueOf(r.next().get("v")) : "?");
            waitForBolt(port, Duration.ofSeconds(60));
            double secs = (System.nanoTime() - t0) / 1e9;
            out.printf("%sready: bolt://127.0.0.1:%d (Neo4j %s community, database %s, auth on, "
                    + "started in %.1fs)%n", TAG, port, version, DEFAULT_DB, secs);
            out.flush();
        } catch (Throwable e) {
            out.println(TAG + "start-up failed: " + rootMessage(e));
            out.flush();
            System.exit(1); // runs the shutdown hook, which stops the DBMS
        }

        stopped.await();
    }

    /** Sets the neo4j user's password from the environment; the value never appears in a query text. */
    private static void setPassword(GraphDatabaseService system, String password) {
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
        } catch (RuntimeException e) {
            String msg = String.valueOf(rootMessage(e)).toLowerCase();
            if (msg.contains("same")) {
                // Password already is the wanted one (Neo4j refuses to "change" to the same value).
                system.executeTransactionally("ALTER USER neo4j SET PASSWORD CHANGE NOT REQUIRED");
            } else {
                throw new IllegalStateException("could not set the password of user neo4j: " + e.getClass().getSimpleName());
            }
        }
    }

    /** Waits until the port speaks Bolt: sends the Bolt handshake and expects a version back. */
    private static void waitForBolt(int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no attempt";
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                s.setSoTimeout(5000);
                OutputStream os = s.getOutputStream();
                // magic 0x6060B017, then 4 proposals (big-endian: range, minor, major): 5.0-5.8, 4.4, none, none
                os.write(new byte[] {
                    0x60, 0x60, (byte) 0xB0, 0x17,
                    0, 8, 8, 5,
                    0, 0, 4, 4,
                    0, 0, 0, 0,
                    0, 0, 0, 0});
                os.flush();
                int agreed = new DataInputStream(s.getInputStream()).readInt();
                if (agreed != 0) {
                    return;
                }
                last = "server refused all proposed Bolt versions";
            } catch (IOException e) {
                last = e.getMessage();
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Bolt did not answer on 127.0.0.1:" + port + ": " + last);
    }

    private static OutputStream nonClosing(PrintStream out) {
        return new OutputStream() {
            @Override public void write(int b) { out.write(b); }
            @Override public void write(byte[] b, int off, int len) { out.write(b, off, len); }
            @Override public void flush() { out.flush(); }
            @Override public void close() { out.flush(); }
        };
    }

    private static String envOr(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v.trim();
    }

    private static int parsePort(String s) {
        try {
            int p = Integer.parseInt(s);
            if (p > 0 && p < 65536) {
                return p;
            }
        } catch (NumberFormatException ignored) {
            // fall through
        }
        fail("NEO4J_BOLT_PORT is not a port number: " + s);
        return -1;
    }

    private static long parseBytes(String s) {
        String v = s.trim().toLowerCase();
        long mult = 1;
        char last = v.isEmpty() ? ' ' : v.charAt(v.length() - 1);
        if (last == 'k') { mult = ByteUnit.kibiBytes(1); }
        else if (last == 'm') { mult = ByteUnit.mebiBytes(1); }
        else if (last == 'g') { mult = ByteUnit.gibiBytes(1); }
        if (mult != 1) {
            v = v.substring(0, v.length() - 1);
        }
        try {
            return Long.parseLong(v) * mult;
        } catch (NumberFormatException e) {
            fail("NEO4J_PAGECACHE is not a size like 256m: " + s);
            return -1;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    private static void fail(String reason) {
        System.out.println(TAG + "error: " + reason);
        System.out.flush();
        System.exit(2);
    }
}
