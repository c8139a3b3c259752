package io.inkan.system.web;

import io.inkan.system.stack.EmbeddedInfrastructure;
import io.inkan.system.stack.InkanSystem;
import io.inkan.web.WebApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The web module's application on a free port, in front of a running {@link InkanSystem}. */
final class WebFrontEnd implements AutoCloseable {
    private final ConfigurableApplicationContext context;
    private final int port;

    private WebFrontEnd(InkanSystem system) {
        this.port = EmbeddedInfrastructure.freePort();
        this.context = new SpringApplicationBuilder(WebApplication.class)
                .run(
                        "--server.port=" + port,
                        "--inkan.web.auth-url=" + system.authUrl(),
                        "--inkan.web.admin-url=" + system.adminUrl(),
                        "--inkan.web.outcome-wait=PT5S");
    }

    static WebFrontEnd start(InkanSystem system) {
        return new WebFrontEnd(system);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        context.close();
    }
}
