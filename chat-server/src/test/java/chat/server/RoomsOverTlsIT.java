package chat.server;

import org.junit.jupiter.api.extension.ExtendWith;

/** {@link RoomsIT} over TLS: room isolation must hold where lines are TLS records too. */
@ExtendWith(TestTransport.OverTls.class)
class RoomsOverTlsIT extends RoomsIT {}
