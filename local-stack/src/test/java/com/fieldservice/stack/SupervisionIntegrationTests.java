package com.fieldservice.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run command's supervisor on real processes: a SIGKILLed registry and a SIGKILLed
 * postmaster are reported at once and come back by themselves.
 */
class SupervisionIntegrationTests {

	@TempDir
	static Path data;

	static LocalStack stack;

	static Supervisor supervisor;

	static final List<String> notices = new CopyOnWriteArrayList<>();

	static final CountDownLatch stackStopped = new CountDownLatch(1);

	@BeforeAll
	static void start() {
		stack = LocalStack.startInfrastructure(StackSettings.forTests(data));
		supervisor = stack.supervisor(notices::add, stackStopped::countDown);
		supervisor.start();
	}

	@AfterAll
	static void stop() {
		if (supervisor != null) {
			supervisor.close();
		}
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void restartsAKilledRegistryAndSaysSo() {
		stack.registry().process().kill();

		awaitNotice("schema-registry is back", Duration.ofSeconds(120));

		assertThat(notices).anyMatch((notice) -> notice
			.startsWith("!! schema-registry stopped unexpectedly " + "(exit code 137, killed by signal 9); log: ")
				&& notice.endsWith("schema-registry.log"));
		assertThat(Readiness.httpOk(stack.registry().url() + "/apis/ccompat/v7/subjects")).isTrue();
		assertThat(stackStopped.getCount()).isOne();
	}

	@Test
	void restartsAKilledPostmasterAndSaysSo() throws Exception {
		stack.postgres().kill();

		awaitNotice("postgres is back", Duration.ofSeconds(60));

		assertThat(notices).anyMatch((notice) -> notice.startsWith("!! postgres stopped unexpectedly"));
		try (var connection = DriverManager.getConnection(stack.postgres().jdbcUrl("assignments"), "postgres",
				"postgres")) {
			assertThat(connection.isValid(2)).isTrue();
		}
	}

	private static void awaitNotice(String text, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (notices.stream().noneMatch((notice) -> notice.contains(text))) {
			assertThat(System.nanoTime()).as("notice '" + text + "' within " + timeout + "; got " + notices)
				.isLessThan(deadline);
			Readiness.sleep(Duration.ofMillis(200));
		}
	}

}
