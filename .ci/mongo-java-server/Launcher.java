import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.List;

/**
 * mongo-java-server with its in-memory backend on 127.0.0.1:argv[0] (0 = any free port).
 * Prints "listening on PORT" once bound; SIGTERM (a JVM shutdown hook) stops it.
 */
public class Launcher {
    /** The library's newest profile, MONGO_5_0, announces maxWireVersion 8, which the
     *  mongodb Node driver 7 refuses (it needs 9+). Announce MongoDB 5.0's real wire
     *  version 13; the server uses it only in its isMaster and buildInfo replies. */
    enum Version implements MongoVersion {
        MONGO_5_0_WIRE_13;
        @Override public List<Integer> getVersionArray() { return List.of(5, 0, 0); }
        @Override public int getWireVersion() { return 13; }
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        MongoServer server = new MongoServer(new MemoryBackend().version(Version.MONGO_5_0_WIRE_13));
        try {
            server.bind("127.0.0.1", port);
        } catch (Exception e) { // e.g. BindException: netty's threads would keep the JVM up
            e.printStackTrace();
            server.shutdownNow();
            System.exit(1);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "mongo-shutdown"));
        System.out.println("listening on " + server.getLocalAddress().getPort());
        System.out.flush();
    }
}
