package com.fieldservice.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The ports the local stack gives its processes: free, never handed out twice, and out of
 * reach of the kernel's ephemeral ports, which any outgoing connection may take between
 * the choice of a port and the bind of the process meant to listen on it.
 */
class FreePortTests {

	@Test
	void handsOutDistinctPortsBelowTheEphemeralRange() throws IOException {
		int ephemeralStart = Integer.parseInt(
				Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim().split("\\s+")[0]);
		Set<Integer> ports = new HashSet<>();
		for (int i = 0; i < 200; i++) {
			int port = StackSettings.freePort();
			assertThat(port).isBetween(1024, ephemeralStart - 1);
			assertThat(ports.add(port)).as("port %d handed out twice", port).isTrue();
		}
	}

}
