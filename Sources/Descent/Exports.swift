// A program that imports Descent has the lesson's arithmetic too (Lesson, Objective,
// the optimizers), as before it was a module of its own.
@_exported import LessonMath
