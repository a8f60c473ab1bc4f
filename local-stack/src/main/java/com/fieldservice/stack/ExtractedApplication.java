package com.fieldservice.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Spring Boot jar in its extracted form
 * ({@code java -Djarmode=tools -jar app.jar extract}), which loads faster and is what the
 * JVM's AOT cache (JEP 483/514, Java 25+) needs. The run command records the cache on a
 * service's first run (written when the JVM exits) and starts from it afterwards; on this
 * 2-core machine that roughly halves a service's start. A rebuilt jar is extracted again
 * and its old cache dropped.
 */
final class ExtractedApplication {

	private static final Map<Path, Object> LOCKS = new ConcurrentHashMap<>();

	private final Path fatJar;

	private final Path directory;

	private final Path cache;

	private final Path pendingCache;

	ExtractedApplication(Path fatJar) {
		this.fatJar = fatJar;
		this.directory = fatJar.resolveSibling("extracted");
		this.cache = directory.resolve("app.aot");
		this.pendingCache = directory.resolve("app.aot." + UUID.randomUUID() + ".pending");
	}

	/**
	 * The command line to run the application, extracting it first when the jar is newer
	 * than the extract.
	 */
	List<String> command(List<String> jvmOptions, boolean recordCache) {
		Path jar = extractIfStale();
		var command = new java.util.ArrayList<String>();
		command.add(ManagedProcess.javaExecutable());
		command.addAll(jvmOptions);
		command.addAll(cacheOptions(recordCache));
		command.add("-jar");
		command.add(jar.toString());
		return command;
	}

	/**
	 * Moves a cache recorded by a JVM that has exited to where the next start finds it.
	 */
	void keepRecordedCache() {
		try {
			if (Files.exists(pendingCache)) {
				Files.move(pendingCache, cache, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (IOException ex) {
			// Only a slower next start: the service runs without a cache.
		}
	}

	private List<String> cacheOptions(boolean record) {
		if (Runtime.version().feature() < 25) {
			return List.of();
		}
		if (Files.exists(cache)) {
			// A cache that no longer matches the class path is ignored by the JVM with a
			// warning.
			return List.of("-XX:AOTCache=" + cache);
		}
		return record ? List.of("-XX:AOTCacheOutput=" + pendingCache) : List.of();
	}

	private Path extractIfStale() {
		Path extractedJar = directory.resolve(fatJar.getFileName());
		synchronized (LOCKS.computeIfAbsent(directory, key -> new Object())) {
			try {
				if (Files.exists(extractedJar) && !Files.getLastModifiedTime(fatJar)
					.toInstant()
					.isAfter(Files.getLastModifiedTime(extractedJar).toInstant())) {
					return extractedJar;
				}
				Files.deleteIfExists(cache);
				var extract = ManagedProcess.start("extract " + fatJar.getFileName(),
						List.of(ManagedProcess.javaExecutable(), "-Djarmode=tools", "-jar", fatJar.toString(),
								"extract", "--force", "--destination", directory.toString()),
						Map.of(), fatJar.resolveSibling("extract.log"));
				if (extract.awaitExit(Duration.ofSeconds(60)) != 0) {
					throw new IllegalStateException("Could not extract " + fatJar + ":\n" + extract.logTail(20));
				}
				return extractedJar;
			}
			catch (IOException ex) {
				throw new IllegalStateException("Could not extract " + fatJar, ex);
			}
		}
	}

}
