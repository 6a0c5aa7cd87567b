package chat.server;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;

/** {@link IrcIT} over TLS: the IRC port speaks TLS when the server does, as IRC's port 6697 does. */
@ExtendWith(TestTransport.OverTls.class)
@Isolated // TestTransport.OverTls says why
class IrcOverTlsIT extends IrcIT {}
