import Descent

/// Rates written as literals in tests (`learningRates = [0.1, 0.15]`); a literal that is not
/// a valid rate stops the test.
extension LearningRate: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
    public init(floatLiteral value: Double) { try! self.init(value) }
    public init(integerLiteral value: Int) { try! self.init(Double(value)) }
}
