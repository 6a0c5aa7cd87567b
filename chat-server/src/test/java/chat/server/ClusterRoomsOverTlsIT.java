package chat.server;

import org.junit.jupiter.api.extension.ExtendWith;

/** {@link ClusterRoomsIT} with its members on TLS: rooms kept apart across nodes where lines are TLS records too. */
@ExtendWith(TestTransport.OverTls.class)
class ClusterRoomsOverTlsIT extends ClusterRoomsIT {}
