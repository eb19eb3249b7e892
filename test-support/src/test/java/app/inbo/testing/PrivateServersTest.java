package app.inbo.testing;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a machine with nothing on 5432 and 6379 gets: servers of the tests' own, from the machine's binaries. */
class PrivateServersTest {

    @Test
    void startsAPostgresClusterOfItsOwnThatTakesDatabases() throws Exception {
        String address = PrivateServers.postgres();
        assertNotEquals("127.0.0.1:5432", address);
        assertEquals(address, PrivateServers.postgres(), "one cluster per JVM");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + address + "/postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("create database inbo_private_check");
            try (ResultSet r = s.executeQuery("select count(*) from pg_database where datname = 'inbo_private_check'")) {
                assertTrue(r.next());
                assertEquals(1, r.getInt(1));
            }
        }
    }

    @Test
    void startsARedisOfItsOwnWhoseIndexesTheTestsMayEmpty() throws Exception {
        String address = PrivateServers.redis();
        assertNotEquals("127.0.0.1:6379", address);
        assertEquals("+OK", command(address, "SET kept-until-emptied 1"));
        assertEquals(":1", command(address, "EXISTS kept-until-emptied"));
        if (System.getenv("INBO_TEST_REDIS") == null) {
            assertEquals(address, RealInfrastructure.ownRedis(0));
            assertEquals(":0", command(address, "EXISTS kept-until-emptied"));
        }
    }

    private static String command(String address, String command) throws Exception {
        int colon = address.lastIndexOf(':');
        try (Socket socket = new Socket(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)))) {
            socket.setSoTimeout(3000);
            socket.getOutputStream().write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }
}
