package io.stowage.kube.gitops;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** An object-lock default retention: a mode and a period of days or years, exactly one of them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DefaultRetentionSpec {

    @Required
    @Pattern("^(GOVERNANCE|COMPLIANCE)$")
    @JsonPropertyDescription("GOVERNANCE (callers allowed to bypass it may shorten it) or COMPLIANCE (nobody can, the root"
            + " included).")
    private String mode;

    @Min(1)
    @JsonPropertyDescription("The period in days (1 to 36500); exactly one of days and years.")
    private Integer days;

    @Min(1)
    @JsonPropertyDescription("The period in years (1 to 100); exactly one of days and years.")
    private Integer years;

    public DefaultRetentionSpec() {
    }

    public DefaultRetentionSpec(String mode, Integer days, Integer years) {
        this.mode = mode;
        this.days = days;
        this.years = years;
    }

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    public Integer getDays() {
        return days;
    }

    public void setDays(Integer days) {
        this.days = days;
    }

    public Integer getYears() {
        return years;
    }

    public void setYears(Integer years) {
        this.years = years;
    }
}
