package chat.server;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;

/** {@link LimitsIT} over TLS: line and rate limits must hold where lines are cut across TLS records. */
@ExtendWith(TestTransport.OverTls.class)
@Isolated // TestTransport.OverTls says why
class LimitsOverTlsIT extends LimitsIT {}
