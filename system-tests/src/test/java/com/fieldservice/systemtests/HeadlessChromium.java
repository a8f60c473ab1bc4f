package com.fieldservice.systemtests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

/**
 * Debian's chromium, headless, driven by Playwright. Playwright's own browser download
 * needs the internet, so it is skipped and pointed at the system browser that the test
 * command installs.
 */
final class HeadlessChromium implements AutoCloseable {

	private final Playwright playwright;

	private final Browser browser;

	HeadlessChromium() {
		this.playwright = Playwright
			.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
		this.browser = playwright.chromium()
			.launch(new BrowserType.LaunchOptions().setExecutablePath(executable())
				.setHeadless(true)
				.setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage")));
	}

	Browser browser() {
		return browser;
	}

	@Override
	public void close() {
		browser.close();
		playwright.close();
	}

	private static Path executable() {
		return Stream.of(System.getenv("PATH").split(":"))
			.flatMap(dir -> Stream.of(Path.of(dir, "chromium"), Path.of(dir, "chromium-browser")))
			.filter(Files::isExecutable)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException(
					"No chromium on PATH: run the tests with ./scripts/test, which installs Debian's chromium"));
	}

}
