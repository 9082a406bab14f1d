// swift-tools-version:6.0
import PackageDescription

// Every target is compiled in Swift 6 language mode: the compiler checks data races.

// Module boundaries follow docs/ARCHITECTURE.md: data flows Scene -> Lesson -> Storyboard ->
// Timeline -> Chart -> Raster/Typeset -> GIF -> file, and no module imports a later one.
let package = Package(
    name: "descent",
    products: [
        .executable(name: "descent", targets: ["DescentCLI"]),
        // The lesson (Descent) and its render to files (Render): `import Descent, Render`.
        .library(name: "Descent", targets: ["LessonMath", "Descent", "Render"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", "5.0.1"..<"6.0.0"),
        // A teacher's data from a CSV file.
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
        // `make docs`: the DocC catalogue of the library (Sources/Render/Render.docc).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
    ],
    targets: [
        .systemLibrary(name: "CGIF", providers: [.apt(["libgif-dev"])]),
        .systemLibrary(name: "CFreeType", pkgConfig: "freetype2", providers: [.apt(["libfreetype-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CFontconfig", pkgConfig: "fontconfig", providers: [.apt(["libfontconfig-dev"])]),
        .systemLibrary(name: "CHarfBuzz", pkgConfig: "harfbuzz", providers: [.apt(["libharfbuzz-dev"])]),
        .systemLibrary(name: "CFriBidi", pkgConfig: "fribidi", providers: [.apt(["libfribidi-dev"])]),
        .systemLibrary(name: "CWebP", pkgConfig: "libwebpmux", providers: [.apt(["libwebp-dev"])]),
        // SHA-256 for fingerprints and the frames folder's manifest: OpenSSL's libcrypto, which
        // the system has built (swift-crypto's BoringSSL took a minute and a half of every
        // clean build, three times in `make test`).
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

        .target(name: "Raster"),
        // DejaVu Sans ships inside the library (`Bundle.module`); `Fonts/` at the top is a link to it.
        .target(name: "Typeset", dependencies: ["Raster", "CFreeType", "CFontconfig", "CHarfBuzz", "CFriBidi"],
                resources: [.copy("Fonts")]),
        .target(name: "Chart", dependencies: ["Raster", "Typeset"]),
        .target(name: "Timeline"),
        .target(name: "GIF", dependencies: ["CGIF"]),
        .target(name: "PNG", dependencies: ["CPNG"]),
        // Animated WebP beside the GIF (libwebp's WebPAnimEncoder, lossless).
        .target(name: "WebP", dependencies: ["CWebP"]),
        // The lesson's arithmetic: models, losses, optimizers. It imports nothing of ours, so no
        // drawing and no YAML can creep into the numbers (docs/ARCHITECTURE.md).
        .target(name: "LessonMath"),
        .target(name: "Descent", dependencies: ["LessonMath", "Chart", "Timeline", .product(name: "Yams", package: "Yams"),
                                                .product(name: "SwiftCSV", package: "SwiftCSV")]),
        .target(name: "Render", dependencies: ["Descent", "Chart", "Raster", "Typeset", "Timeline", "GIF", "PNG", "WebP",
                                               "COpenSSL"]),
        .executableTarget(
            name: "DescentCLI",
            dependencies: [
                "Descent", "Render", "Chart", "Raster", "Typeset", "Timeline", "GIF", "PNG",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .target(name: "TestSupport", dependencies: ["CGIF"], path: "Tests/TestSupport"),
        .testTarget(name: "RasterTests", dependencies: ["Raster", "TestSupport"]),
        .testTarget(name: "TypesetTests", dependencies: ["Typeset", "Raster", "PNG", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "ChartTests", dependencies: ["Chart", "Raster", "Typeset"]),
        .testTarget(name: "TimelineTests", dependencies: ["Timeline"]),
        .testTarget(name: "GIFTests", dependencies: ["GIF", "CGIF", "TestSupport"]),
        .testTarget(
            name: "DescentTests",
            dependencies: ["LessonMath", "Descent", "Chart", "Raster", "Timeline", "PNG", "TestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "EndToEndTests", dependencies: ["DescentCLI", "LessonMath", "Descent", "Render", "CGIF", "PNG", "TestSupport"]),
    ]
)
