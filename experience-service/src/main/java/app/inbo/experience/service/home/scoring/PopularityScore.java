package app.inbo.experience.service.home.scoring;

/**
 * An item's decayed trending score (clicks, views, opens weighted and halved every half-life) divided by the
 * highest score on the board: 1 for the most popular item, 0 for one nobody touched lately.
 */
public final class PopularityScore {

    private PopularityScore() {
    }

    public static double normalised(double itemScore, double boardMaximum) {
        if (boardMaximum <= 0 || itemScore <= 0) {
            return 0;
        }
        return Math.min(1, itemScore / boardMaximum);
    }
}
