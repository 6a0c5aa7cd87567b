package chat.server;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;

/** {@link FileTransferIT} over TLS: data connections pin the chat's certificate. */
@ExtendWith(TestTransport.OverTls.class)
@Isolated // TestTransport.OverTls says why
class FileTransferOverTlsIT extends FileTransferIT {}
