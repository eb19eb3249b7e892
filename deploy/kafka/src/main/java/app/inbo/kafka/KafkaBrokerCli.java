package app.inbo.kafka;

import java.nio.file.Path;

/**
 * Command line for {@code ./suite}: {@code start LIB_DIR DATA_DIR PORT} starts a broker that outlives this
 * command and prints its PID; {@code topics BOOTSTRAP} creates the suite's topics.
 */
public final class KafkaBrokerCli {

    private KafkaBrokerCli() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 4 && args[0].equals("start")) {
            KafkaBroker broker = KafkaBroker.start(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]));
            System.out.println(broker.pid());
        } else if (args.length == 2 && args[0].equals("topics")) {
            for (String created : TopicProvisioner.createMissing(args[1])) {
                System.err.println("created topic " + created);
            }
        } else {
            System.err.println("usage: start LIB_DIR DATA_DIR PORT | topics BOOTSTRAP_SERVERS");
            System.exit(2);
        }
        // the broker is a separate process; leaving does not stop it
        System.exit(0);
    }
}
