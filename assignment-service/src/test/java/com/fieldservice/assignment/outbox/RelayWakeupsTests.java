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

import org.junit.jupiter.api.Test;

/**
 * Appends that commit within the linger share one NOTIFY, so the relay publishes them in
 * one transaction.
 */
class RelayWakeupsTests {

	@Test
	void appendsWithinTheLingerShareOneNotify() throws Exception {
		var statement = mock(Statement.class);
		var connection = mock(Connection.class);
		given(connection.createStatement()).willReturn(statement);
		var dataSource = mock(DataSource.class);
		given(dataSource.getConnection()).willReturn(connection);
		var wakeups = new RelayWakeups(dataSource, Duration.ofSeconds(1));
		wakeups.start();
		try {
			for (int append = 0; append < 20; append++) {
				wakeups.signal();
				Thread.sleep(5);
			}
			verify(statement, timeout(3_000)).execute("NOTIFY " + EventLog.CHANNEL);
			Thread.sleep(500);
			verify(statement, times(1)).execute(anyString());
		}
		finally {
			wakeups.stop();
		}
	}

}
