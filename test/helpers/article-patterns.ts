/*
 * The three patterns of the hygiene article ("Feature Flags for Backend Services — Beyond the
 * Toggle"), verbatim: every rule is tested on them.
 */

/** Pattern 1: percentage rollout of the new payment processor, falling back to the legacy one. */
export const ARTICLE_PATTERN_1 = `// Wrap third-party calls with operational flags
async function processPayment(order: Order): Promise<PaymentResult> {
  const useNewProcessor = isFeatureEnabled(
    flags.get("new_payment_processor"),
    { userId: order.customerId }
  );

  if (useNewProcessor) {
    try {
      return await newPaymentProcessor.charge(order);
    } catch (error) {
      // If new processor fails, automatically fall back
      metrics.increment("payment.new_processor.fallback");
      return await legacyPaymentProcessor.charge(order);
    }
  }

  return await legacyPaymentProcessor.charge(order);
}`;

/** Pattern 2: the circuit-breaker kill switch, serving a cached or default response when open. */
export const ARTICLE_PATTERN_2 = `// Operational flag for circuit breaking
async function callExternalApi(request: ApiRequest): Promise<ApiResponse> {
  if (flags.get("external_api_circuit_breaker")?.killSwitch) {
    // Return cached/default response when circuit is open
    return getCachedResponse(request) ?? getDefaultResponse(request);
  }
  return await externalApi.call(request);
}`;

/** Pattern 3: gradual rollout of the recommendation algorithm, with metrics and analytics. */
export const ARTICLE_PATTERN_3 = `// Test a new recommendation algorithm in production
async function getRecommendations(userId: string): Promise<Product[]> {
  const useNewAlgorithm = isFeatureEnabled(
    flags.get("recommendation_v2"),
    { userId }
  );

  const startTime = Date.now();
  let recommendations: Product[];
  let algorithm: string;

  if (useNewAlgorithm) {
    recommendations = await newRecommendationEngine.getRecommendations(userId);
    algorithm = "v2";
  } else {
    recommendations = await currentRecommendationEngine.getRecommendations(userId);
    algorithm = "v1";
  }

  // Track which algorithm served which user
  metrics.histogram("recommendations.latency", Date.now() - startTime, { algorithm });
  analytics.track("recommendations_served", {
    userId,
    algorithm,
    count: recommendations.length,
    productIds: recommendations.map(r => r.id),
  });

  return recommendations;
}`;

/** The article's tests: both states of new_payment_processor forced with flags.override. */
export const ARTICLE_TESTS = `describe("Payment processing", () => {
  it("processes payment with new processor when flag is enabled", async () => {
    flags.override("new_payment_processor", { enabled: true, rolloutPercentage: 100 });
    const result = await processPayment(mockOrder);
    expect(newProcessor.charge).toHaveBeenCalled();
  });

  it("processes payment with legacy processor when flag is disabled", async () => {
    flags.override("new_payment_processor", { enabled: false });
    const result = await processPayment(mockOrder);
    expect(legacyProcessor.charge).toHaveBeenCalled();
  });
});`;
