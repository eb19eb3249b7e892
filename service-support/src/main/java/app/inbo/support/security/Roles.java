package app.inbo.support.security;

/** The roles carried in the token's {@code groups} claim. */
public final class Roles {
    public static final String USER = "user";
    public static final String ADMIN = "admin";
    /** Another service of the suite calling an internal endpoint. */
    public static final String SERVICE = "service";

    private Roles() {
    }
}
