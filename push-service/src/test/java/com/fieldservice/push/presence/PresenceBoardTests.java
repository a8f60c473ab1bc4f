package com.fieldservice.push.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fieldservice.push.presence.PresenceBoard.Change;

class PresenceBoardTests {

	private static final Instant NOW = Instant.parse("2030-01-07T09:00:00Z");

	private final PresenceBoard board = new PresenceBoard();

	@Test
	void aContractorIsOnlineWhileAnyInstanceHasIt() {
		assertThat(board.put("push-1", Set.of("C-7", "C-8"), NOW)).isEqualTo(change(Set.of("C-7", "C-8"), Set.of()));
		assertThat(board.put("push-2", Set.of("C-7"), NOW)).isEqualTo(Change.NONE);

		assertThat(board.put("push-1", Set.of(), NOW)).isEqualTo(change(Set.of(), Set.of("C-8")));
		assertThat(board.online()).containsExactly("C-7");
	}

	@Test
	void aStoppedInstancesContractorsGoOfflineAtOnce() {
		board.put("push-1", Set.of("C-7"), NOW);

		assertThat(board.remove("push-1")).isEqualTo(change(Set.of(), Set.of("C-7")));
		assertThat(board.online()).isEmpty();
	}

	@Test
	void aCrashedInstancesContractorsGoOfflineWhenItsSnapshotExpires() {
		board.put("crashed", Set.of("C-7", "C-9"), NOW);
		board.put("alive", Set.of("C-9"), NOW.plusSeconds(25));

		assertThat(board.expire(NOW.plusSeconds(10))).isEqualTo(change(Set.of(), Set.of("C-7")));
		assertThat(board.online()).containsExactly("C-9");
	}

	@Test
	void reportsNoChangeForAnUnchangedRefresh() {
		board.put("push-1", Set.of("C-7"), NOW);

		assertThat(board.put("push-1", Set.of("C-7"), NOW.plusSeconds(10)).isEmpty()).isTrue();
		assertThat(board.expire(NOW.plusSeconds(5)).isEmpty()).isTrue();
	}

	@Test
	void changesThatCancelOutAddUpToNothing() {
		var wentOffline = change(Set.of(), Set.of("C-7"));
		var cameBack = change(Set.of("C-7"), Set.of());

		assertThat(wentOffline.and(cameBack).isEmpty()).isTrue();
	}

	private static Change change(Set<String> online, Set<String> offline) {
		return new Change(new java.util.TreeSet<>(online), new java.util.TreeSet<>(offline));
	}

}
