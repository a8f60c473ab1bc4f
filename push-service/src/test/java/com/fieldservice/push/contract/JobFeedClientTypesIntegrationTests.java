package com.fieldservice.push.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.fieldservice.testsupport.AsyncApiValidator;

/**
 * The protocol client's TypeScript declarations ({@code job-feed-client.d.ts}) say what
 * the AsyncAPI document says of every frame: the same properties, the same required ones,
 * the same types. A frame changed in one and not the other fails the build.
 */
class JobFeedClientTypesIntegrationTests {

	private static final Path HOME = Path.of("..").toAbsolutePath().normalize();

	private static final Path DECLARATIONS = HOME
		.resolve("push-service/src/main/resources/static/job-feed-client.d.ts");

	@Test
	void declareEveryFrameAsTheAsyncApiDocumentDoes() {
		var checked = AsyncApiValidator.checkTypes(HOME, AsyncApiValidator.document(HOME), DECLARATIONS);

		assertThat(checked.text()).endsWith(": 0 mismatch(es)\n");
		assertThat(checked.exitCode()).isZero();
	}

	@Test
	void seeAFrameThatDiffers() throws Exception {
		Path drifted = Files.createTempFile("job-feed-client-", ".d.ts");
		Files.writeString(drifted,
				Files.readString(DECLARATIONS)
					.replace("  replayed: number;", "  replayed: string;")
					.replace("  oldest?: string;", "  oldest: string;"));

		var checked = AsyncApiValidator.checkTypes(HOME, AsyncApiValidator.document(HOME), drifted);

		assertThat(checked.text()).contains("CaughtUpFrame.replayed: string, the document says integer",
				"CaughtUpFrame.oldest: required, the document says optional");
		assertThat(checked.exitCode()).isEqualTo(1);
		Files.delete(drifted);
	}

}
