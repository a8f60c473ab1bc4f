package com.fieldservice.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the stack keeps its data and which loopback ports it uses.
 *
 * @param home the project root (holds each module's {@code target/})
 * @param dataDir broker logs, Postgres data, Streams state and process logs
 * @param clean wipe {@code dataDir} before starting
 * @param ports the ports, all bound to 127.0.0.1
 * @param jwtSecret HS256 secret that signs development tokens (dev profile only)
 * @param recordAotCache let a service without a JVM AOT cache record one for its next
 * start (run command)
 * @param brokers Kafka brokers: 1, or 3 as production runs it
 * @param jvmOptions added to the command line of every JVM of the stack (none by default)
 */
public record StackSettings(Path home, Path dataDir, boolean clean, Ports ports, String jwtSecret,
		boolean recordAotCache, int brokers, List<String> jvmOptions) {

	public StackSettings {
		if (brokers != 1 && brokers != 3) {
			throw new IllegalArgumentException("The stack runs 1 or 3 Kafka brokers, not " + brokers);
		}
		jvmOptions = List.copyOf(jvmOptions);
	}

	/** The same settings with {@code count} Kafka brokers. */
	public StackSettings withBrokers(int count) {
		return new StackSettings(home, dataDir, clean, ports, jwtSecret, recordAotCache, count, jvmOptions);
	}

	/** The same settings with {@code options} added to every JVM's command line. */
	public StackSettings withJvmOptions(List<String> options) {
		return new StackSettings(home, dataDir, clean, ports, jwtSecret, recordAotCache, brokers, options);
	}

	/**
	 * Each Kafka node's client and controller port: the first from {@link #ports()}, the
	 * others after them on the documented ports, or free ones in tests.
	 */
	List<int[]> kafkaNodePorts() {
		var nodes = new ArrayList<int[]>();
		nodes.add(new int[] { ports.kafka(), ports.kafkaController() });
		boolean documented = ports.equals(Ports.defaults());
		for (int node = 1; node < brokers; node++) {
			nodes.add(documented ? new int[] { ports.kafka() + 2 * node, ports.kafkaController() + 2 * node }
					: new int[] { freePort(), freePort() });
		}
		return nodes;
	}

	/** Development secret; production configures an issuer instead (see README). */
	public static final String DEV_JWT_SECRET = "dev-only-secret-change-me-0123456789abcdef";

	/** The ports of every listener. */
	public record Ports(int kafka, int kafkaController, int registry, int registryManagement, int postgres,
			int assignmentService, int notificationStreams, int pushService, int connect, int snsEmulator,
			int assignmentServiceManagement, int notificationStreamsManagement, int pushServiceManagement) {

		/** The documented ports of the run command. */
		public static Ports defaults() {
			return new Ports(9092, 9093, 8081, 9081, 5432, 8080, 8083, 8082, 8084, 4566, 9080, 9083, 9082);
		}

		/** Free ports, so tests can run beside a running stack. */
		public static Ports free() {
			return new Ports(freePort(), freePort(), freePort(), freePort(), freePort(), freePort(), freePort(),
					freePort(), freePort(), freePort(), freePort(), freePort(), freePort());
		}

	}

	/**
	 * Finds the project root: the closest directory, upwards from the working directory,
	 * holding local-stack.
	 */
	public static Path findHome() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null) {
			if (Files.isDirectory(dir.resolve("local-stack")) && Files.exists(dir.resolve("pom.xml"))) {
				return dir;
			}
			dir = dir.getParent();
		}
		throw new IllegalStateException("Run from inside the project: no parent directory holds local-stack/");
	}

	/** Settings for a throw-away stack in {@code dataDir}, on free ports. */
	public static StackSettings forTests(Path dataDir) {
		return new StackSettings(findHome(), dataDir, true, Ports.free(), DEV_JWT_SECRET, false, 1, List.of());
	}

	private static final int FIRST_PORT = 10_000;

	private static final int EPHEMERAL_START = ephemeralPortsStart();

	private static final Random RANDOM = new Random();

	/** Ports this JVM handed out already, so two processes never get the same one. */
	private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

	/**
	 * A port free on 127.0.0.1 now, below the kernel's ephemeral range: a port the kernel
	 * handed out (bind to port 0) can be taken by any outgoing connection before the
	 * process meant to listen on it starts, and a busy stack makes thousands of those.
	 */
	static int freePort() {
		for (int attempt = 0; attempt < 200; attempt++) {
			int port = FIRST_PORT + RANDOM.nextInt(EPHEMERAL_START - FIRST_PORT);
			if (!HANDED_OUT.add(port)) {
				continue;
			}
			try (var socket = new ServerSocket()) {
				socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
				return port;
			}
			catch (IOException busy) {
				// Taken: try another.
			}
		}
		throw new IllegalStateException("No free port on 127.0.0.1 between " + FIRST_PORT + " and " + EPHEMERAL_START);
	}

	/**
	 * Where Linux starts handing out ports to outgoing connections (32768 if unknown).
	 */
	private static int ephemeralPortsStart() {
		try {
			// readAllLines: readString trusts the size /proc reports and reads a byte of
			// it.
			String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim();
			return Math.max(FIRST_PORT + 1_000, Integer.parseInt(range.split("\\s+")[0]));
		}
		catch (IOException | RuntimeException ex) {
			return 32_768;
		}
	}

}
