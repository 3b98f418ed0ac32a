package io.stowage.bench.load;

/** Whether a response counts as a success: "a run with errors is not a result". */
public final class ResponseCheck {

    private ResponseCheck() {
    }

    /**
     * The error, or null when the response is good.
     *
     * @param expectedBody the body length a GET must return, or -1 if not checked
     */
    public static String check(String op, int status, long bodyLength, long expectedBody) {
        boolean statusOk = op.equals("DELETE") ? status == 204 : status >= 200 && status < 300;
        if (!statusOk) {
            return op + ": status " + status;
        }
        if (expectedBody >= 0 && bodyLength != expectedBody) {
            return op + ": body of " + bodyLength + " bytes, expected " + expectedBody;
        }
        return null;
    }
}
