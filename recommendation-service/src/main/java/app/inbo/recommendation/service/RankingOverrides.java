package app.inbo.recommendation.service;

import app.inbo.recommendation.config.RecommendationConfig;
import app.inbo.support.problem.Problem;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ranking-weight overrides of an experiment variant: every field of {@link RankingPolicy} can be overridden by its
 * name in snake_case ({@code affinity_weight}, {@code diversity_window}, ...), read from the record itself, so a
 * weight added to the policy later is overridable with no change here. A value is checked against the Bean
 * Validation constraints of the {@link RecommendationConfig.Ranking} setting of the same name (what the service
 * would refuse at start, an experiment cannot set either), and integer fields take whole numbers only.
 */
public final class RankingOverrides {

    private static final Map<String, RecordComponent> FIELDS = new LinkedHashMap<>();

    static {
        for (RecordComponent component : RankingPolicy.class.getRecordComponents()) {
            FIELDS.put(snakeCase(component.getName()), component);
        }
    }

    private RankingOverrides() {
    }

    /** The names an override may use. */
    public static Set<String> names() {
        return FIELDS.keySet();
    }

    /** What is wrong with {@code overrides}, each problem named {@code field.name}; empty when they are usable. */
    public static List<Problem.InvalidParam> problems(Map<String, Double> overrides, String field) {
        List<Problem.InvalidParam> problems = new ArrayList<>();
        overrides.forEach((name, value) -> {
            String at = field + "." + name;
            RecordComponent component = FIELDS.get(name);
            if (component == null) {
                problems.add(new Problem.InvalidParam(at, "is not a ranking setting; one of " + String.join(", ", names())));
            } else if (value == null || !Double.isFinite(value)) {
                problems.add(new Problem.InvalidParam(at, "must be a number"));
            } else if (component.getType() == int.class && value != Math.rint(value)) {
                problems.add(new Problem.InvalidParam(at, "must be a whole number"));
            } else {
                String violated = violatedConstraint(component.getName(), value);
                if (violated != null) {
                    problems.add(new Problem.InvalidParam(at, violated));
                }
            }
        });
        return problems;
    }

    /** {@code base} with the overridden fields replaced; the overrides are expected to have no {@link #problems}. */
    public static RankingPolicy apply(RankingPolicy base, Map<String, Double> overrides) {
        if (overrides.isEmpty()) {
            return base;
        }
        RecordComponent[] components = RankingPolicy.class.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                RecordComponent component = components[i];
                types[i] = component.getType();
                Double override = overrides.get(snakeCase(component.getName()));
                if (override == null) {
                    values[i] = component.getAccessor().invoke(base);
                } else if (component.getType() == int.class) {
                    values[i] = (int) Math.round(override);
                } else {
                    values[i] = override;
                }
            }
            Constructor<RankingPolicy> canonical = RankingPolicy.class.getDeclaredConstructor(types);
            return canonical.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("RankingPolicy is a record of numbers: it cannot fail to be copied", e);
        }
    }

    /**
     * A short, stable fingerprint of a policy (the same on every instance of a build): lists ranked under different
     * policies are cached under different keys, so no list outlives a switch of variant or weights.
     */
    public static String fingerprint(RankingPolicy policy) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(policy.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The reason {@code value} breaks a constraint of the configuration setting {@code name}, or null. */
    private static String violatedConstraint(String name, double value) {
        Method setting;
        try {
            setting = RecommendationConfig.Ranking.class.getMethod(name);
        } catch (NoSuchMethodException e) {
            return null;
        }
        BigDecimal v = BigDecimal.valueOf(value);
        Min min = setting.getAnnotation(Min.class);
        if (min != null && value < min.value()) {
            return "must be at least " + min.value();
        }
        Max max = setting.getAnnotation(Max.class);
        if (max != null && value > max.value()) {
            return "must be at most " + max.value();
        }
        DecimalMin decimalMin = setting.getAnnotation(DecimalMin.class);
        if (decimalMin != null && v.compareTo(new BigDecimal(decimalMin.value())) < (decimalMin.inclusive() ? 0 : 1)) {
            return "must be at least " + decimalMin.value();
        }
        DecimalMax decimalMax = setting.getAnnotation(DecimalMax.class);
        if (decimalMax != null && v.compareTo(new BigDecimal(decimalMax.value())) > (decimalMax.inclusive() ? 0 : -1)) {
            return "must be at most " + decimalMax.value();
        }
        if (setting.isAnnotationPresent(Positive.class) && value <= 0) {
            return "must be positive";
        }
        if (setting.isAnnotationPresent(PositiveOrZero.class) && value < 0) {
            return "must not be negative";
        }
        return null;
    }

    private static String snakeCase(String camel) {
        StringBuilder snake = new StringBuilder();
        for (char ch : camel.toCharArray()) {
            if (Character.isUpperCase(ch)) {
                snake.append('_').append(Character.toLowerCase(ch));
            } else {
                snake.append(ch);
            }
        }
        return snake.toString();
    }
}
