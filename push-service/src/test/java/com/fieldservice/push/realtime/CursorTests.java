package com.fieldservice.push.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Set;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import com.fieldservice.push.security.Role;

class CursorTests {

	private static final StreamPartition D1 = new StreamPartition(Role.DISPATCHER, 1);

	private static final StreamPartition D2 = new StreamPartition(Role.DISPATCHER, 2);

	private static final StreamPartition C0 = new StreamPartition(Role.CONTRACTOR, 0);

	@Test
	void writesEachPartitionAsStreamInitialPartitionAndNextOffsetInAFixedOrder() {
		var cursor = Cursor.NONE.with(D2, 7).with(C0, 99).with(D1, 15);

		assertThat(cursor).hasToString("d1:15,d2:7,c0:99");
	}

	@Test
	void readsBackWhatItWrote() {
		var cursor = Cursor.NONE.with(D1, 15).with(C0, 0);

		assertThat(Cursor.parse(cursor.toString())).isEqualTo(cursor);
	}

	@Test
	void readsNothingAsNoPosition() {
		assertThat(Cursor.parse("")).isEqualTo(Cursor.NONE);
		assertThat(Cursor.parse(null)).isEqualTo(Cursor.NONE);
		assertThat(Cursor.NONE).hasToString("");
	}

	@Test
	void keepsTheFurtherOfTwoPositionsInEveryPartition() {
		var mine = Cursor.parse("d1:15,d2:7");
		var theirs = Cursor.parse("d1:12,d2:9,c0:4");

		assertThat(mine.max(theirs)).isEqualTo(Cursor.parse("d1:15,d2:9,c0:4"));
	}

	@Test
	void takesOnlyMissingPartitionsFromAFallback() {
		var requested = Cursor.parse("d1:15");
		var acknowledged = Cursor.parse("d1:40,d2:9");

		assertThat(requested.orElse(acknowledged)).isEqualTo(Cursor.parse("d1:15,d2:9"));
	}

	@Test
	void keepsOnlyTheGivenPartitions() {
		assertThat(Cursor.parse("d1:15,d2:9,c0:4").restrictedTo(Set.of(D2))).isEqualTo(Cursor.parse("d2:9"));
	}

	@Nested
	class Rejects {

		@Test
		void anEntryWithoutOffset() {
			assertThatIllegalArgumentException().isThrownBy(() -> Cursor.parse("d3"));
		}

		@Test
		void anUnknownStream() {
			assertThatIllegalArgumentException().isThrownBy(() -> Cursor.parse("x3:15"));
		}

		@Test
		void aPartitionTheTopicDoesNotHave() {
			assertThatIllegalArgumentException().isThrownBy(() -> Cursor.parse("d6:15"));
		}

		@Test
		void aNegativeOffset() {
			assertThatIllegalArgumentException().isThrownBy(() -> Cursor.parse("d1:-1"));
		}

		@Test
		void garbage() {
			assertThatIllegalArgumentException().isThrownBy(() -> Cursor.parse("d1:15;DROP TABLE"));
		}

		@Test
		void moreEntriesThanBothTopicsHavePartitions() {
			assertThatIllegalArgumentException().isThrownBy(() -> Cursor.parse("d0:1,".repeat(65) + "d0:1"));
		}

	}

}
