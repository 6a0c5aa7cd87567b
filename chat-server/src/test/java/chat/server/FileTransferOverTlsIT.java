package chat.server;

import org.junit.jupiter.api.extension.ExtendWith;

/** {@link FileTransferIT} over TLS: data connections pin the chat's certificate. */
@ExtendWith(TestTransport.OverTls.class)
class FileTransferOverTlsIT extends FileTransferIT {}
