package com.fieldservice.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * Many WebSocket clients on two event-loop threads. They read every frame as soon as it
 * arrives, so a server never buffers on their account, hand each text frame to a
 * listener, and note how each connection ended. The same clients measure push-service and
 * the baseline server.
 */
final class WebSocketClients implements AutoCloseable {

	/**
	 * Receives every text frame on an event-loop thread: returns quickly and keeps no
	 * reference to the content.
	 */
	@FunctionalInterface
	interface Listener {

		void onText(int client, ByteBuf content);

	}

	/**
	 * Handshakes in flight at once: more would only queue in the server's accept backlog.
	 */
	private static final int CONCURRENT_HANDSHAKES = 100;

	private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(30);

	private final EventLoopGroup loops = new NioEventLoopGroup(2);

	private final List<Channel> channels = new ArrayList<>();

	private final Map<Integer, Integer> closeCodes = new ConcurrentHashMap<>();

	private final AtomicInteger greeted = new AtomicInteger();

	private final AtomicInteger lost = new AtomicInteger();

	private volatile Listener listener = (client, content) -> {
	};

	private volatile boolean closing;

	void listen(Listener listener) {
		this.listener = listener;
	}

	/**
	 * Opens {@code count} connections, client {@code i} to {@code uris.apply(i)}, and
	 * waits until each has received its first frame (the welcome), which both servers
	 * send once the client is registered for broadcasts.
	 */
	void connect(int count, IntFunction<URI> uris, Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		for (int from = 0; from < count; from += CONCURRENT_HANDSHAKES) {
			var batch = new ArrayList<CompletableFuture<Channel>>();
			for (int i = from; i < Math.min(count, from + CONCURRENT_HANDSHAKES); i++) {
				batch.add(open(i, uris.apply(i)));
			}
			CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new))
				.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
		}
		while (this.greeted.get() < count) {
			if (System.nanoTime() > deadline) {
				throw new TimeoutException(
						this.greeted.get() + " of " + count + " clients were welcomed within " + timeout);
			}
			Thread.sleep(20);
		}
	}

	/**
	 * Opens one connection; {@code client} -1 marks a connection that is not one of the
	 * measured clients.
	 */
	CompletableFuture<Channel> open(int client, URI uri) {
		var opened = new CompletableFuture<Channel>();
		var config = WebSocketClientProtocolConfig.newBuilder()
			.webSocketUri(uri)
			// Close frames reach the handler, which notes their code (4500: cut off as
			// too slow).
			.handleCloseFrames(false)
			// A device, not a page: no Origin header (push-service checks origins of
			// pages only).
			.generateOriginHeader(false)
			.withUTF8Validator(false)
			.handshakeTimeoutMillis(HANDSHAKE_TIMEOUT.toMillis())
			.build();
		new Bootstrap().group(this.loops)
			.channel(NioSocketChannel.class)
			.option(ChannelOption.TCP_NODELAY, true)
			.handler(new ChannelInitializer<SocketChannel>() {
				@Override
				protected void initChannel(SocketChannel channel) {
					channel.pipeline()
						.addLast(new HttpClientCodec(), new HttpObjectAggregator(64 * 1024),
								new WebSocketClientProtocolHandler(config), new ClientHandler(client, opened));
				}
			})
			.connect(uri.getHost(), uri.getPort())
			.addListener((ChannelFutureListener) future -> {
				if (!future.isSuccess()) {
					opened.completeExceptionally(future.cause());
				}
			});
		return opened;
	}

	/** How the server closed connections: count by close code. */
	Map<Integer, Integer> closeCodes() {
		return new TreeMap<>(this.closeCodes);
	}

	/**
	 * Connections that dropped without a close frame before the benchmark closed them.
	 */
	int lost() {
		return this.lost.get();
	}

	/** Closes every connection with a normal close frame, then stops the event loops. */
	@Override
	public void close() throws InterruptedException {
		this.closing = true;
		List<Channel> open;
		synchronized (this.channels) {
			open = List.copyOf(this.channels);
		}
		open.forEach(channel -> channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE))
			.addListener(ChannelFutureListener.CLOSE));
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		for (Channel channel : open) {
			channel.closeFuture().await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		this.loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
	}

	private final class ClientHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

		private final int client;

		private final CompletableFuture<Channel> opened;

		private boolean welcomed;

		private boolean closedByServer;

		ClientHandler(int client, CompletableFuture<Channel> opened) {
			this.client = client;
			this.opened = opened;
		}

		@Override
		public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
			if (event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
				synchronized (channels) {
					channels.add(context.channel());
				}
				this.opened.complete(context.channel());
			}
			else if (event == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
				this.opened
					.completeExceptionally(new TimeoutException("No handshake response within " + HANDSHAKE_TIMEOUT));
			}
			super.userEventTriggered(context, event);
		}

		@Override
		protected void channelRead0(ChannelHandlerContext context, WebSocketFrame frame) {
			if (frame instanceof TextWebSocketFrame text) {
				if (!this.welcomed && this.client >= 0) {
					this.welcomed = true;
					greeted.incrementAndGet();
				}
				listener.onText(this.client, text.content());
			}
			else if (frame instanceof CloseWebSocketFrame close) {
				this.closedByServer = true;
				closeCodes.merge(close.statusCode(), 1, Integer::sum);
				context.writeAndFlush(new CloseWebSocketFrame()).addListener(ChannelFutureListener.CLOSE);
			}
		}

		@Override
		public void channelInactive(ChannelHandlerContext context) throws Exception {
			this.opened.completeExceptionally(new IOException("Connection closed during the handshake"));
			if (this.opened.isDone() && !this.opened.isCompletedExceptionally() && !this.closedByServer && !closing) {
				lost.incrementAndGet();
			}
			super.channelInactive(context);
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
			this.opened.completeExceptionally(cause);
			context.close();
		}

	}

}
