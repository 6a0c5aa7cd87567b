package chat.server;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;

/** {@link AccountAttackIT} over TLS: passwords may only go over TLS, and handshakes add to an attack's cost. */
@ExtendWith(TestTransport.OverTls.class)
@Isolated // TestTransport.OverTls says why
class AccountAttackOverTlsIT extends AccountAttackIT {}
