#!/usr/bin/env bash
# Makes docs/images/window.png and docs/images/terminal.png again, from the tests that draw them
# (WindowScreenshotIT: the window, on the tests' virtual screen; TerminalScreenshotIT: client.jar in an xterm,
# an interop test, on a virtual X display). Needs xvfb-run and xterm (apt-get install xvfb xterm).
set -euo pipefail
cd "$(dirname "$0")/../.."
xvfb-run -a ./mvnw -B -q install -DskipTests -DskipITs
xvfb-run -a ./mvnw -B -q verify -pl chat-client -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test='WindowScreenshotIT,TerminalScreenshotIT' -Dfailsafe.failIfNoSpecifiedTests=false -Dtests.excludedGroups=
cp chat-client/target/window.png chat-client/target/terminal.png docs/images/
echo "docs/images/window.png and docs/images/terminal.png made again"
