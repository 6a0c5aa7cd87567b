package chat.server;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;

/** {@link HardeningIT} over TLS: slow and stalled peers, handshakes included, hold a session's thread differently. */
@ExtendWith(TestTransport.OverTls.class)
@Isolated // TestTransport.OverTls says why
class HardeningOverTlsIT extends HardeningIT {}
