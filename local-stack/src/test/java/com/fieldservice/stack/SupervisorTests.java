package com.fieldservice.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * What the run command does when one of its processes dies: says so, restarts it, and
 * stops the stack rather than carry on without it. The real processes are killed in
 * {@code SupervisionIntegrationTests}.
 */
class SupervisorTests {

	private final List<String> notices = new CopyOnWriteArrayList<>();

	private final CountDownLatch stackStopped = new CountDownLatch(1);

	private Instant now = Instant.parse("2030-01-01T00:00:00Z");

	@Test
	void saysWhichProcessDiedHowAndWhereItsLogIsThenRestartsIt() {
		var registry = new FakeComponent("schema-registry", 0);
		registry.die("exit code 137, killed by signal 9");

		supervisor(registry).checkAll();

		assertThat(registry.restarts).isOne();
		assertThat(notices).first()
			.isEqualTo("!! schema-registry stopped unexpectedly (exit code 137, killed by signal 9); "
					+ "log: logs/schema-registry.log");
		assertThat(notices).anyMatch((notice) -> notice.contains("restarting schema-registry (1 of 3"))
			.anyMatch((notice) -> notice.contains("schema-registry is back"));
		assertThat(stackStopped.getCount()).isOne();
	}

	@Test
	void leavesRunningProcessesAlone() {
		var kafka = new FakeComponent("kafka", 0);

		supervisor(kafka).checkAll();

		assertThat(kafka.restarts).isZero();
		assertThat(notices).isEmpty();
	}

	@Test
	void stopsTheStackWhenAProcessCannotBeRestarted() throws InterruptedException {
		var postgres = new FakeComponent("postgres", 0);
		postgres.die("the postmaster is gone");
		postgres.failRestarts = true;

		supervisor(postgres).checkAll();

		assertThat(stackStopped.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(notices).last().asString().contains("postgres could not be restarted", "Stopping the stack");
	}

	@Test
	void stopsTheStackWhenAProcessKeepsDying() throws InterruptedException {
		var push = new FakeComponent("push-service", Integer.MAX_VALUE);
		var supervisor = supervisor(push);

		for (int check = 0; check < Supervisor.MAX_RESTARTS + 1; check++) {
			now = now.plus(Duration.ofMinutes(1));
			supervisor.checkAll();
		}

		assertThat(push.restarts).isEqualTo(Supervisor.MAX_RESTARTS);
		assertThat(stackStopped.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(notices).last().asString().contains("push-service stopped 4 times within 10 min");
	}

	@Test
	void forgetsRestartsOlderThanTheWindow() {
		var push = new FakeComponent("push-service", Integer.MAX_VALUE);
		var supervisor = supervisor(push);

		for (int check = 0; check < 10; check++) {
			now = now.plus(Supervisor.RESTART_WINDOW.dividedBy(2));
			supervisor.checkAll();
		}

		assertThat(push.restarts).isEqualTo(10);
		assertThat(stackStopped.getCount()).isOne();
	}

	private Supervisor supervisor(Supervisor.Component component) {
		Clock clock = new Clock() {

			@Override
			public Instant instant() {
				return now;
			}

			@Override
			public java.time.ZoneId getZone() {
				return ZoneOffset.UTC;
			}

			@Override
			public Clock withZone(java.time.ZoneId zone) {
				return this;
			}

		};
		return new Supervisor(List.of(component), notices::add, stackStopped::countDown, clock);
	}

	/** A process that dies when told to, and again after each of its first restarts. */
	private static final class FakeComponent implements Supervisor.Component {

		private final String name;

		private final int diesAgainAfterRestarts;

		private String exit;

		private int restarts;

		private boolean failRestarts;

		FakeComponent(String name, int diesAgainAfterRestarts) {
			this.name = name;
			this.diesAgainAfterRestarts = diesAgainAfterRestarts;
			this.exit = (diesAgainAfterRestarts > 0) ? "exit code 1" : null;
		}

		void die(String how) {
			exit = how;
		}

		@Override
		public String name() {
			return name;
		}

		@Override
		public String exit() {
			return exit;
		}

		@Override
		public Path log() {
			return Path.of("logs", name + ".log");
		}

		@Override
		public void restart() {
			if (failRestarts) {
				throw new IllegalStateException(name + " exited during start-up. Log ...\nFATAL: lock file exists");
			}
			restarts++;
			exit = (restarts < diesAgainAfterRestarts) ? "exit code 1" : null;
		}

	}

}
