package io.stowage.kube.model;

/**
 * The ObjectStore asks for something the operator cannot do: the user must change it. The reconciler
 * reports it as Ready=False, reason InvalidSpec, and does not retry until the resource changes.
 */
public class InvalidSpecException extends Exception {

    public InvalidSpecException(String message) {
        super(message);
    }
}
