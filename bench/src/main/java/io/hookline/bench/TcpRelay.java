package io.hookline.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Passes TCP connections made to one address on to another, byte for byte: how a node in the crash
 * suite's network namespace reaches a PostgreSQL that listens on loopback only.
 */
final class TcpRelay implements AutoCloseable {
  private final ServerSocket server;
  private final InetSocketAddress target;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();

  TcpRelay(InetSocketAddress listen, InetSocketAddress target) {
    this.target = target;
    try {
      server = new ServerSocket();
      server.setReuseAddress(true);
      server.bind(listen, 256);
    } catch (IOException e) {
      throw new UncheckedIOException("could not listen on " + listen, e);
    }
    Thread acceptor = new Thread(this::accept, "relay-" + listen.getPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Thread connect = new Thread(() -> join(client), "relay-connect");
        connect.setDaemon(true);
        connect.start();
      } catch (IOException e) {
        if (!server.isClosed()) {
          System.err.println("relay to " + target + ": " + e);
        }
      }
    }
  }

  /** Connects the client to the target, off the accepting thread, and pumps both ways. */
  private void join(Socket client) {
    Socket upstream = new Socket();
    try {
      upstream.connect(target, 5000);
      for (Socket socket : new Socket[] {client, upstream}) {
        socket.setTcpNoDelay(true);
        // A peer that vanished behind a partition is noticed in the end, and its threads freed.
        socket.setKeepAlive(true);
        open.add(socket);
      }
    } catch (IOException e) {
      closeQuietly(client);
      closeQuietly(upstream);
      return;
    }
    pump(client, upstream);
    pump(upstream, client);
  }

  /** Copies one direction until either side ends, then closes both. */
  private void pump(Socket from, Socket to) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                  out.write(buffer, 0, read);
                }
              } catch (IOException e) {
                // One side went: the other is closed below.
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "relay-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private void closeQuietly(Socket socket) {
    open.remove(socket);
    try {
      socket.close();
    } catch (IOException e) {
      // Already gone.
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // Already closed.
    }
    open.forEach(this::closeQuietly);
  }
}
