package chat.server;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;

/** {@link RoomsIT} over TLS: room isolation must hold where lines are TLS records too. */
@ExtendWith(TestTransport.OverTls.class)
@Isolated // TestTransport.OverTls says why
class RoomsOverTlsIT extends RoomsIT {}
