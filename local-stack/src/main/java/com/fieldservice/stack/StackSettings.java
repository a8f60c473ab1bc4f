package com.fieldservice.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
 */
public record StackSettings(Path home, Path dataDir, boolean clean, Ports ports, String jwtSecret,
		boolean recordAotCache, int brokers) {

	public StackSettings {
		if (brokers != 1 && brokers != 3) {
			throw new IllegalArgumentException("The stack runs 1 or 3 Kafka brokers, not " + brokers);
		}
	}

	/** The same settings with {@code count} Kafka brokers. */
	public StackSettings withBrokers(int count) {
		return new StackSettings(home, dataDir, clean, ports, jwtSecret, recordAotCache, count);
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
		return new StackSettings(findHome(), dataDir, true, Ports.free(), DEV_JWT_SECRET, false, 1);
	}

	static int freePort() {
		try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException("No free port on 127.0.0.1", ex);
		}
	}

}
