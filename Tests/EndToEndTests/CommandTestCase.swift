import TestSupport
import XCTest

/// A test case that runs the `descent` executable with a fresh scratch folder for each test.
class CommandTestCase: XCTestCase {
    /// The scratch folder's name prefix (each subclass its own, so leftovers say whose).
    class var scratchName: String { "command" }

    private(set) var scratch: TemporaryFolder!
    var folder: String { scratch.path }

    override func setUpWithError() throws {
        scratch = try TemporaryFolder(Self.scratchName)
    }

    func descent(_ arguments: [String]) throws -> RenderCommandTests.Run {
        try RenderCommandTests.descent(arguments)
    }
}
