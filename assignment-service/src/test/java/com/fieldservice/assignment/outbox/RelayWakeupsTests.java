package com.fieldservice.assignment.outbox;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Appends that commit within the linger of each other share one NOTIFY, so the relay
 * publishes them in one transaction; an append after a quiet spell is sent at once.
 */
class RelayWakeupsTests {

	private final Statement statement = mock(Statement.class);

	private final RelayWakeups wakeups;

	RelayWakeupsTests() throws Exception {
		var connection = mock(Connection.class);
		given(connection.createStatement()).willReturn(this.statement);
		var dataSource = mock(DataSource.class);
		given(dataSource.getConnection()).willReturn(connection);
		this.wakeups = new RelayWakeups(dataSource, Duration.ofSeconds(1));
	}

	@BeforeEach
	void start() {
		this.wakeups.start();
	}

	@AfterEach
	void stop() {
		this.wakeups.stop();
	}

	@Test
	void appendsWithinTheLingerOfEachOtherShareOneNotify() throws Exception {
		for (int append = 0; append < 20; append++) {
			this.wakeups.signal();
			Thread.sleep(5);
		}
		// The first, after a quiet spell, alone; the 19 that followed it closely,
		// together.
		verify(this.statement, timeout(3_000).times(2)).execute("NOTIFY " + EventLog.CHANNEL);
		Thread.sleep(500);
		verify(this.statement, times(2)).execute(anyString());
	}

	@Test
	void anAppendAfterAQuietSpellIsSentAtOnce() throws Exception {
		this.wakeups.signal();

		verify(this.statement, timeout(300)).execute("NOTIFY " + EventLog.CHANNEL);
	}

}
