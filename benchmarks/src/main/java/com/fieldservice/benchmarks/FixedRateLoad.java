package com.fieldservice.benchmarks;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

import org.HdrHistogram.Histogram;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
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
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AttributeKey;

/**
 * An open-model load generator: POSTs JSON at a fixed rate whatever the latency, and
 * measures each request from its scheduled start (so a stall shows up as latency instead
 * of as fewer requests: no coordinated omission). Keep-alive connections on one Netty
 * event loop, opened as concurrency needs them: the generator shares the machine with the
 * system under test, and the JDK's HttpClient spent about 1.3 ms of CPU per request here.
 */
final class FixedRateLoad implements AutoCloseable {

	/** A POST of a JSON body to a path of the base URL. */
	record Post(String path, String json) {
	}

	/** Latencies (microseconds) and failures of one run. */
	record Result(Histogram latencies, int sent, int failed) {

		String summary() {
			return "p50 %6.2f ms  p99 %6.2f ms  max %7.2f ms  (%d requests, %d failed)".formatted(
					latencies.getValueAtPercentile(50) / 1000.0, latencies.getValueAtPercentile(99) / 1000.0,
					latencies.getMaxValue() / 1000.0, sent, failed);
		}

	}

	private static final AttributeKey<IntConsumer> PENDING = AttributeKey.valueOf("pending");

	private final EventLoopGroup loop = new NioEventLoopGroup(1);

	/** Idle keep-alive connections; touched on the event loop only. */
	private final ArrayDeque<Channel> idle = new ArrayDeque<>();

	private final Bootstrap bootstrap;

	private final URI base;

	private final String authorization;

	FixedRateLoad(String baseUrl, String bearerToken) {
		this.base = URI.create(baseUrl);
		this.authorization = "Bearer " + bearerToken;
		this.bootstrap = new Bootstrap().group(loop)
			.channel(NioSocketChannel.class)
			.option(ChannelOption.TCP_NODELAY, true)
			.handler(new ChannelInitializer<SocketChannel>() {
				@Override
				protected void initChannel(SocketChannel channel) {
					channel.pipeline()
						.addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20), new ResponseHandler());
				}
			});
	}

	/**
	 * Sends {@code rate} POSTs per second for {@code duration}; POST {@code i} comes from
	 * the factory.
	 */
	Result run(int rate, Duration duration, int firstIndex, IntFunction<Post> posts, int expectedStatus) {
		var latencies = new Histogram(60_000_000L, 3);
		var failed = new AtomicInteger();
		int total = (int) (rate * duration.toMillis() / 1000);
		var done = new CountDownLatch(total);
		long intervalNanos = 1_000_000_000L / rate;
		long start = System.nanoTime();
		for (int i = 0; i < total; i++) {
			long scheduled = start + i * intervalNanos;
			LockSupport.parkNanos(scheduled - System.nanoTime());
			Post post = posts.apply(firstIndex + i);
			loop.execute(() -> send(post, status -> {
				long micros = (System.nanoTime() - scheduled) / 1000;
				synchronized (latencies) {
					latencies.recordValue(Math.min(micros, latencies.getHighestTrackableValue()));
				}
				if (status != expectedStatus) {
					failed.incrementAndGet();
				}
				done.countDown();
			}));
		}
		try {
			if (!done.await(2, TimeUnit.MINUTES)) {
				throw new IllegalStateException(done.getCount() + " requests got no response within 2 minutes");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
		return new Result(latencies, total, failed.get());
	}

	/**
	 * On the event loop: sends on an idle connection or a new one; {@code onStatus} gets
	 * -1 on a failure.
	 */
	private void send(Post post, IntConsumer onStatus) {
		Channel channel = idle.poll();
		while (channel != null && !channel.isActive()) {
			channel = idle.poll();
		}
		if (channel != null) {
			write(channel, post, onStatus);
			return;
		}
		bootstrap.connect(base.getHost(), base.getPort()).addListener((ChannelFutureListener) connected -> {
			if (connected.isSuccess()) {
				write(connected.channel(), post, onStatus);
			}
			else {
				onStatus.accept(-1);
			}
		});
	}

	private void write(Channel channel, Post post, IntConsumer onStatus) {
		byte[] body = post.json().getBytes(StandardCharsets.UTF_8);
		var request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, post.path(),
				Unpooled.wrappedBuffer(body));
		request.headers()
			.set(HttpHeaderNames.HOST, base.getHost() + ":" + base.getPort())
			.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
			.set(HttpHeaderNames.AUTHORIZATION, authorization)
			.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
		channel.attr(PENDING).set(onStatus);
		channel.writeAndFlush(request).addListener(written -> {
			if (!written.isSuccess()) {
				complete(channel, -1);
			}
		});
	}

	private void complete(Channel channel, int status) {
		IntConsumer pending = channel.attr(PENDING).getAndSet(null);
		if (pending != null) {
			pending.accept(status);
		}
	}

	@Override
	public void close() {
		loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
	}

	private final class ResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse> {

		@Override
		protected void channelRead0(ChannelHandlerContext context, FullHttpResponse response) {
			complete(context.channel(), response.status().code());
			if (HttpUtil.isKeepAlive(response)) {
				idle.push(context.channel());
			}
		}

		@Override
		public void channelInactive(ChannelHandlerContext context) {
			complete(context.channel(), -1);
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
			context.close();
		}

	}

}
