package com.fieldservice.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One of the system's Spring Boot services, run from its executable jar in its own JVM,
 * configured only through environment variables (as docker-compose configures the same
 * jar), bound to 127.0.0.1.
 */
public final class SpringService implements AutoCloseable {

	/**
	 * Serial GC suits a 2-core machine; a fixed 128 MB young generation keeps young
	 * collections rare (about one a second under load) instead of several a second in a
	 * small default one, which showed in POST p99.
	 */
	private static final List<String> JVM_OPTIONS = List.of("-Xms256m", "-Xmx512m", "-Xmn128m", "-XX:+UseSerialGC");

	private final String module;

	private final String instance;

	private final Path home;

	private final int port;

	private final int managementPort;

	private final Map<String, String> environment;

	private final Path logDir;

	private final boolean recordAotCache;

	private final List<String> jvmOptions;

	private ManagedProcess process;

	private ExtractedApplication application;

	SpringService(String module, String instance, Path home, int port, int managementPort,
			Map<String, String> environment, Path logDir, boolean recordAotCache, List<String> jvmOptions) {
		this.module = module;
		this.instance = instance;
		this.home = home;
		this.port = port;
		this.managementPort = managementPort;
		this.recordAotCache = recordAotCache;
		this.jvmOptions = Stream.concat(JVM_OPTIONS.stream(), jvmOptions.stream()).toList();
		this.environment = new HashMap<>(environment);
		this.environment.put("SERVER_PORT", Integer.toString(port));
		this.environment.put("SERVER_ADDRESS", "127.0.0.1");
		this.environment.put("MANAGEMENT_PORT", Integer.toString(managementPort));
		this.environment.put("MANAGEMENT_ADDRESS", "127.0.0.1");
		this.logDir = logDir;
	}

	/**
	 * The instance name: the module's name, with {@code -2}, {@code -3} ... for further
	 * instances.
	 */
	public String name() {
		return instance;
	}

	public String url() {
		return "http://127.0.0.1:" + port;
	}

	public int port() {
		return port;
	}

	/** The actuator (metrics, Prometheus, health with details), on a port of its own. */
	public String managementUrl() {
		return "http://127.0.0.1:" + managementPort;
	}

	/**
	 * Starts the service; {@link #awaitReady} waits until its readiness probe says UP.
	 */
	public void start() {
		application = new ExtractedApplication(executableJar());
		List<String> command = application.command(jvmOptions, recordAotCache);
		process = ManagedProcess.start(instance, command, environment, logDir.resolve(instance + ".log"));
	}

	public void awaitReady(Duration timeout) {
		Readiness.await(process, timeout, () -> Readiness.httpOk(url() + "/readyz"));
	}

	/** Graceful stop (SIGTERM), as a rolling restart would do. */
	public void stop() {
		if (process != null) {
			// A JVM recording its AOT cache writes it while exiting, which takes a few
			// seconds more.
			process.close(recordAotCache ? Duration.ofSeconds(60) : ManagedProcess.GRACE);
			application.keepRecordedCache();
		}
	}

	/** Crash (SIGKILL): no shutdown hook, no final commit. */
	public void kill() {
		if (process != null) {
			process.kill();
		}
	}

	public boolean isRunning() {
		return process != null && process.isAlive();
	}

	@Override
	public void close() {
		stop();
	}

	/** The repackaged Spring Boot jar the module's build produced. */
	Path executableJar() {
		Path target = home.resolve(module).resolve("target");
		try (Stream<Path> files = Files.list(target)) {
			return files.filter(file -> file.getFileName().toString().matches(module + "-[^-]+.*\\.jar"))
				.filter(file -> !file.getFileName().toString().endsWith("-plain.jar"))
				.findFirst()
				.orElseThrow();
		}
		catch (Exception ex) {
			throw new IllegalStateException("No executable jar for " + module + " in " + target
					+ ": build the project first (the run command does).", ex);
		}
	}

	/** The running (or last) process, for the run command's supervisor. */
	ManagedProcess process() {
		return process;
	}

}
