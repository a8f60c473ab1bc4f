package com.fieldservice.assignment.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fieldservice.assignment.support.RealInfrastructure;

/**
 * Relay leadership on the real Postgres, in a database of the test's own (advisory locks
 * are per database, so the running relay's lock is not in the way): the lock is held by
 * one instance at a time and is free the moment the leader lets go.
 */
class RelayLeadershipIntegrationTests {

	static RelayLeadership.ConnectionFactory database;

	@BeforeAll
	static void createDatabase() throws SQLException {
		String name = "leadership_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		var postgres = RealInfrastructure.get().postgres();
		try (var admin = DriverManager.getConnection(postgres.jdbcUrl("postgres"), "postgres", "postgres");
				var statement = admin.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		database = () -> DriverManager.getConnection(postgres.jdbcUrl(name), "postgres", "postgres");
	}

	@Test
	void oneInstanceLeadsAtATime() throws Exception {
		try (var first = new RelayLeadership(database); var second = new RelayLeadership(database)) {
			assertThat(first.acquire()).isTrue();
			assertThat(second.acquire()).isFalse();
			assertThat(first.acquire()).as("still the leader").isTrue();
		}
	}

	@Test
	void anotherInstanceLeadsAsSoonAsTheLeaderLetsGo() throws Exception {
		try (var first = new RelayLeadership(database); var second = new RelayLeadership(database)) {
			assertThat(first.acquire()).isTrue();

			first.close();

			assertThat(second.acquire()).isTrue();
		}
	}

}
