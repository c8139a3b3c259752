package io.inkan.notification.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy in front of a real SMTP server that holds the server's answer to the end of a mail's data
 * ({@code <CRLF>.<CRLF>}) until the test releases it: the server has accepted and stored the mail, but the
 * sender does not know yet. That is an SMTP server that is slow for real, at the worst moment.
 */
final class SlowSmtpProxy implements AutoCloseable {
    private static final byte[] END_OF_DATA = {'\r', '\n', '.', '\r', '\n'};

    private final ServerSocket listener;
    private final int serverPort;
    private final Semaphore held = new Semaphore(0);
    private final Semaphore released = new Semaphore(0);

    SlowSmtpProxy(int serverPort) throws IOException {
        this.serverPort = serverPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Waits until a mail's end-of-data answer is being held; false if none is within {@code deadline}. */
    boolean awaitHeld(Duration deadline) throws InterruptedException {
        return held.tryAcquire(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Lets one held answer go to the sender. */
    void release() {
        released.release();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), serverPort);
                var connection = new Connection();
                Thread.ofVirtual().start(() -> connection.toServer(client, server));
                Thread.ofVirtual().start(() -> connection.toClient(server, client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** One SMTP session: the client's bytes go straight on; the server's wait while an end-of-data is held. */
    private final class Connection {
        private final Semaphore pendingAnswers = new Semaphore(0);

        void toServer(Socket client, Socket server) {
            byte[] tail = new byte[END_OF_DATA.length];
            try (InputStream in = client.getInputStream();
                    OutputStream out = server.getOutputStream()) {
                byte[] buffer = new byte[8192];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    for (int i = 0; i < n; i++) {
                        System.arraycopy(tail, 1, tail, 0, tail.length - 1);
                        tail[tail.length - 1] = buffer[i];
                        if (java.util.Arrays.equals(tail, END_OF_DATA)) {
                            // before the server can answer, so that the answer is surely held
                            pendingAnswers.release();
                        }
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // the session ended
            } finally {
                closeQuietly(client, server);
            }
        }

        void toClient(Socket server, Socket client) {
            try (InputStream in = server.getInputStream();
                    OutputStream out = client.getOutputStream()) {
                byte[] buffer = new byte[8192];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    if (pendingAnswers.tryAcquire()) {
                        held.release();
                        released.acquire();
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // the session ended
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                closeQuietly(client, server);
            }
        }
    }

    private static void closeQuietly(Socket... sockets) {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
