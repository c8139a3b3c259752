package io.inkan.web.admin;

import java.io.Serializable;

/** The logged-on administrator: their contract, their ID, and auth-service's token (never sent to the browser). */
record AdministratorSession(String contractId, String adminId, String token) implements Serializable {
    static final String ATTRIBUTE = AdministratorSession.class.getName();
}
