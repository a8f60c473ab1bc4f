package com.fieldservice.push.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Set;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import com.fieldservice.push.security.Role;

class CursorTests {

	private static final StreamPartition D3 = new StreamPartition(Role.DISPATCHER, 3);

	private static final StreamPartition D5 = new StreamPartition(Role.DISPATCHER, 5);

	private static final StreamPartition C0 = new StreamPartition(Role.CONTRACTOR, 0);

	@Test
	void writesEachPartitionAsStreamInitialPartitionAndNextOffsetInAFixedOrder() {
		var cursor = Cursor.NONE.with(D5, 7).with(C0, 99).with(D3, 15);

		assertThat(cursor).hasToString("d3:15,d5:7,c0:99");
	}

	@Test
	void readsBackWhatItWrote() {
		var cursor = Cursor.NONE.with(D3, 15).with(C0, 0);

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
		var mine = Cursor.parse("d3:15,d5:7");
		var theirs = Cursor.parse("d3:12,d5:9,c0:4");

		assertThat(mine.max(theirs)).isEqualTo(Cursor.parse("d3:15,d5:9,c0:4"));
	}

	@Test
	void takesOnlyMissingPartitionsFromAFallback() {
		var requested = Cursor.parse("d3:15");
		var acknowledged = Cursor.parse("d3:40,d5:9");

		assertThat(requested.orElse(acknowledged)).isEqualTo(Cursor.parse("d3:15,d5:9"));
	}

	@Test
	void keepsOnlyTheGivenPartitions() {
		assertThat(Cursor.parse("d3:15,d5:9,c0:4").restrictedTo(Set.of(D5))).isEqualTo(Cursor.parse("d5:9"));
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
			assertThatIllegalArgumentException().isThrownBy(() -> Cursor.parse("d3:-1"));
		}

		@Test
		void garbage() {
			assertThatIllegalArgumentException().isThrownBy(() -> Cursor.parse("d3:15;DROP TABLE"));
		}

		@Test
		void moreEntriesThanBothTopicsHavePartitions() {
			assertThatIllegalArgumentException().isThrownBy(() -> Cursor.parse("d0:1,".repeat(65) + "d0:1"));
		}

	}

}
