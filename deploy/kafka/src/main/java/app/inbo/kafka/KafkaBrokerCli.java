package app.inbo.kafka;

import java.nio.file.Path;

/**
 * Command line for {@code ./suite}: {@code start LIB_DIR DATA_DIR PORT} starts a broker that outlives this
 * command and prints its PID; {@code topics BOOTSTRAP} creates the suite's topics; {@code lag BOOTSTRAP} prints
 * each consumer group and the records it is behind, one "GROUP LAG" line each. For the fault suite:
 * {@code count BOOTSTRAP TOPIC}, {@code produce BOOTSTRAP TOPIC KEY VALUE}, {@code redeliver BOOTSTRAP TOPIC SINCE_MS}.
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
        } else if (args.length == 2 && args[0].equals("lag")) {
            ConsumerLag.of(args[1]).forEach((group, behind) -> System.out.println(group + " " + behind));
        } else if (args.length == 3 && args[0].equals("count")) {
            System.out.println(FaultTools.count(args[1], args[2]));
        } else if (args.length == 5 && args[0].equals("produce")) {
            FaultTools.produce(args[1], args[2], args[3], args[4]);
        } else if (args.length == 4 && args[0].equals("redeliver")) {
            System.out.println(FaultTools.redeliver(args[1], args[2], Long.parseLong(args[3])));
        } else {
            System.err.println("usage: start LIB_DIR DATA_DIR PORT | topics BOOTSTRAP_SERVERS | lag BOOTSTRAP_SERVERS"
                    + " | count BOOTSTRAP_SERVERS TOPIC | produce BOOTSTRAP_SERVERS TOPIC KEY VALUE"
                    + " | redeliver BOOTSTRAP_SERVERS TOPIC SINCE_MS");
            System.exit(2);
        }
        // the broker is a separate process; leaving does not stop it
        System.exit(0);
    }
}
