package chat.server;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;

/** {@link ClusterRoomIsolationIT} with its members on TLS: rooms kept apart across nodes where lines are TLS records too. */
@ExtendWith(TestTransport.OverTls.class)
@Isolated // TestTransport.OverTls says why
class ClusterRoomIsolationOverTlsIT extends ClusterRoomIsolationIT {}
