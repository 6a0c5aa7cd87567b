package chat.server;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;

/** {@link FuzzIT} over TLS: garbage inside a good handshake, and at the TLS layer itself. */
@ExtendWith(TestTransport.OverTls.class)
@Isolated // TestTransport.OverTls says why
class FuzzOverTlsIT extends FuzzIT {}
